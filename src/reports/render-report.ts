import { nationalReport } from './national-report.js';
import { renderPdf } from './render.js';
import type { RenderRequest, RenderResult } from './report-data.js';
import { subsidyReport } from './subsidy-report.js';

/** Builds the document for a report and renders it (synchronous work: run it in the render worker). */
export async function renderReport(request: RenderRequest): Promise<RenderResult> {
  let pageCount = 0;
  const onPageCount = (pages: number) => {
    pageCount = pages;
  };
  const definition =
    request.data.kind === 'NATIONAL_MONTHLY'
      ? nationalReport(request.data, request.language, request.templateVersion, onPageCount)
      : subsidyReport(request.data, request.language, request.templateVersion, onPageCount);
  const pdf = await renderPdf(definition);
  return { pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength), pageCount };
}
