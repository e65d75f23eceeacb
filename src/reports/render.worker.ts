import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderReport } from './render-report.js';
import type { RenderRequest } from './report-data.js';

/**
 * On Linux a thread is a task with its own id, and setpriority on that id lowers only this thread: the renderer
 * then yields the CPU to the API's event loop whenever both want it (a 2-core machine). Elsewhere: no change.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // not Linux, or not permitted: render at normal priority
  }
}
lowerPriority();

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
