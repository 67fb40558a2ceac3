// A loopback npm registry that serves one packed tarball as the only version of its package and
// forwards every other request to the real registry. Deno resolves `npm:` specifiers through
// NPM_CONFIG_REGISTRY and cannot install a tarball path, so this is how the Deno guide's verbatim
// `deno.json` gets the package under test instead of whatever the public registry has.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * @param {string} tarball - an `npm pack` output.
 * @param {string} upstream - the registry to forward everything else to.
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startLocalRegistry(tarball, upstream) {
  const bytes = readFileSync(tarball);
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const file = `/${manifest.name}/-/${manifest.name}-${manifest.version}.tgz`;
  const base = upstream.replace(/\/$/, '');
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://registry').pathname;
    try {
      if (path === `/${manifest.name}`) {
        const { port } = server.address();
        const dist = {
          tarball: `http://127.0.0.1:${port}${file}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: { ...manifest, dist } } }));
      } else if (path === file) {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(bytes);
      } else {
        const answer = await fetch(`${base}${path}`, { headers: { accept: req.headers.accept ?? 'application/json' } });
        res.statusCode = answer.status;
        res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/octet-stream');
        res.end(Buffer.from(await answer.arrayBuffer()));
      }
    } catch (error) {
      res.statusCode = 502;
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
