// Resource limits on what a parser reads from one file, besides the file-size cap of the ingest settings
// and the zip limits of zipLimits.ts: a PDF's page count (checked before any page is read) and the size of
// the text it gives (checked page by page, so reading stops at the limit).
export const PDF_LIMITS = {
  maxPages: 3_000,
  /** Characters of text, all pages together (about 40 MB in memory). */
  maxTextChars: 20_000_000,
};

export type PdfLimits = typeof PDF_LIMITS;

/** A count for a message: 20,000,000 as "20,000,000". */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
