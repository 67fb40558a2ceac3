/**
 * The [Standard Schema](https://standardschema.dev) v1 interface, as the spec asks libraries to
 * include it (types only): what valibot, zod 4, arktype and others implement, and what a `custom`
 * route of {@link P100WebhooksOptions} takes as its `schema`.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1 } from 'p100-webhooks';
 * import * as v from 'valibot';
 *
 * const schema: StandardSchemaV1<unknown, { txId: string }> = v.object({ txId: v.string() });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/**
 * The types of the Standard Schema v1 interface.
 *
 * @example
 * ```ts
 * import type { StandardSchemaV1 } from 'p100-webhooks';
 * import * as v from 'valibot';
 *
 * const schema = v.object({ txId: v.string() });
 * type Deposit = StandardSchemaV1.InferOutput<typeof schema>; // { txId: string }
 * ```
 */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates an unknown value. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** The inferred types of the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** What `validate` returns. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A successful validation. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }
  /** Options of `validate`. */
  export interface Options {
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** A failed validation. */
  export interface FailureResult {
    /** The issues found. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** One issue of a failed validation. */
  export interface Issue {
    /** What is wrong. */
    readonly message: string;
    /** Where, if known. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A segment of an issue's path. */
  export interface PathSegment {
    /** The key of the segment. */
    readonly key: PropertyKey;
  }
  /** The schema's input and output types. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type. */
    readonly input: Input;
    /** The output type. */
    readonly output: Output;
  }
  /** The input type of a schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The output type of a schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}
