/** stopword ships no types; Tidings uses one of its lists. */
declare module "stopword" {
  /** English stop words, lower case. */
  export const eng: readonly string[];
}
