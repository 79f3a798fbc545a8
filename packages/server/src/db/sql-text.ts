declare const sqlTextBrand: unique symbol;

/**
 * SQL text that one module lends another for a statement composed as fixed text (the filing and
 * tracking hot paths send one named statement: docs/ARCHITECTURE.md, "Hot paths"). It is made
 * only by `sqlText` from literals in the source, other SqlText and parameter placeholders, so no
 * caller can pass a plain string (a value typed by a user) into the statement's text.
 */
export type SqlText = string & { readonly [sqlTextBrand]: true };

/** A tagged template whose interpolations must be SqlText themselves. */
export function sqlText(strings: TemplateStringsArray, ...parts: readonly SqlText[]): SqlText {
  let text = strings[0] ?? '';
  parts.forEach((part, index) => {
    text += part + (strings[index + 1] ?? '');
  });
  return text as SqlText;
}

/** The placeholder of the statement's parameter at `position` (1-based): `$3`. */
export function sqlParameter(position: number): SqlText {
  if (!Number.isInteger(position) || position < 1) throw new RangeError(`bad SQL parameter position ${position}`);
  return `$${position}` as SqlText;
}
