// Types for the stop-word lists of the `stopword` package (it ships none): each list is lower-case words.
declare module 'stopword' {
  export const eng: string[];
  export const zho: string[];
}
