import { version } from '../../package.json';

/** The package version, inlined from package.json at build time. @internal */
export const CLI_VERSION: string = version;
