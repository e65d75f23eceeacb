/**
 * The part of pdfmake 0.3's server API this project uses. @types/pdfmake pulls the DOM library into the whole
 * program (its fetch types then refuse Node Buffers), so the few declarations needed live here.
 */
declare module 'pdfmake' {
  export type Content = string | number | { [key: string]: unknown } | Content[];

  export interface DocumentDefinition {
    content: Content;
    [key: string]: unknown;
  }

  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }

  interface PdfMake {
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(definition: DocumentDefinition): OutputDocument;
  }

  const pdfmake: PdfMake;
  export default pdfmake;
}
