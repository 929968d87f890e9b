/** Test-only: request bodies for fuzzing an endpoint, from one valid body. */
import fc from 'fast-check';

/** A valid body with one field replaced by `anyValue`, one field dropped, one unknown field added, or any JSON at all. */
export function mutatedBody(valid: Record<string, unknown>, anyValue: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), anyValue).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.jsonValue(),
  );
}
