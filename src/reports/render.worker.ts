import { parentPort } from 'node:worker_threads';
import { renderReport } from './render-report.js';
import type { RenderRequest } from './report-data.js';

/** The render worker: one report at a time, off the API's event loop. Fonts load once per worker. */
parentPort!.on('message', async (message: { id: number; request: RenderRequest }) => {
  try {
    const { pdf, pageCount } = await renderReport(message.request);
    parentPort!.postMessage({ id: message.id, pdf, pageCount }, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
