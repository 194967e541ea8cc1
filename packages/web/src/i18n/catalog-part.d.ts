/** A catalog's core sections or the others (catalog-split.ts). */
declare module '*.json?core' {
  const part: Record<string, unknown>;
  export default part;
}
declare module '*.json?rest' {
  const part: Record<string, unknown>;
  export default part;
}
