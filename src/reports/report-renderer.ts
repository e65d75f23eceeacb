import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderReport } from './render-report.js';
import type { RenderRequest, RenderResult } from './report-data.js';

interface Pending {
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

/**
 * Renders reports in a worker thread, so that a long render never blocks GraphQL: pdfmake lays out synchronously.
 * One worker, started on first use and kept (fonts stay loaded); its heap is capped. Under the test runner the
 * TypeScript sources have no compiled worker file, and rendering happens in this thread instead.
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('ReportRenderer');
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly workerFile = fileURLToPath(new URL('./render.worker.js', import.meta.url));

  get usesWorker(): boolean {
    return existsSync(this.workerFile);
  }

  render(request: RenderRequest): Promise<RenderResult> {
    if (!this.usesWorker) return renderReport(request);
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<RenderResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 768 } });
    worker.on('message', (message: { id: number; pdf?: Uint8Array; pageCount?: number; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve({ pdf: message.pdf!, pageCount: message.pageCount! });
    });
    const fail = (error: Error) => {
      this.logger.error(`render worker stopped: ${error.message}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`render worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
