import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { pipeline, Readable, Transform } from 'node:stream';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AdoptionIntakeService, type IntakeSummary } from './adoption-intake.service.js';
import { CSV_ENCODINGS, type CsvEncoding } from './csv-source.js';

const UPLOAD_IDLE_MS = 30_000;

const flag = (value: string | undefined, name: string): boolean => {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw AppError.badInput(name, 'must be true or false');
};

/**
 * CSV import over HTTP. The body is the file itself (`Content-Type: text/csv`) or a multipart form with a
 * `file` field; either way it streams straight into PostgreSQL, so a large file never sits in memory.
 */
@Controller('imports')
export class AdoptionImportController {
  constructor(
    private readonly intake: AdoptionIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles('REGULATOR', 'HOSPITAL')
  @Post('adoption')
  @HttpCode(200)
  async importAdoption(
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
    @Query('dryRun') dryRun?: string,
    @Query('allOrNothing') allOrNothing?: string,
    @Query('encoding') encoding: string = 'auto',
  ): Promise<IntakeSummary> {
    if (!(CSV_ENCODINGS as readonly string[]).includes(encoding)) {
      throw AppError.badInput('encoding', `must be one of ${CSV_ENCODINGS.join(', ')}`);
    }
    const options = {
      channel: 'IMPORT' as const,
      user,
      dryRun: flag(dryRun, 'dryRun'),
      allOrNothing: flag(allOrNothing, 'allOrNothing'),
    };
    // A client that stalls or goes away must not hold a database connection: an idle upload is cut after
    // UPLOAD_IDLE_MS, and pipeline() carries an abort through to the COPY, which then rolls back.
    request.setTimeout(UPLOAD_IDLE_MS, () =>
      request.destroy(new AppError('BAD_USER_INPUT', 'the upload stalled', { field: 'file' })),
    );
    const { stream, fileName } = await this.fileOf(request);
    const limited = pipeline(stream, this.sizeLimit(), () => undefined);
    return this.intake.intakeCsv(limited, encoding as CsvEncoding, {
      ...options,
      fileName,
    });
  }

  private fileOf(request: Request): Promise<{ stream: Readable; fileName: string | undefined }> {
    const type = request.headers['content-type'] ?? '';
    if (type.startsWith('text/csv') || type.startsWith('application/octet-stream')) {
      return Promise.resolve({ stream: request, fileName: undefined });
    }
    if (!type.startsWith('multipart/form-data')) {
      throw AppError.badInput(
        'file',
        'send the CSV as text/csv, or as multipart/form-data with a "file" field',
      );
    }
    return new Promise((resolve, reject) => {
      const form = busboy({ headers: request.headers, limits: { files: 1 } });
      let found = false;
      form.on('file', (name, stream, info) => {
        if (name !== 'file' || found) return stream.resume();
        found = true;
        resolve({ stream, fileName: info.filename });
      });
      form.on('close', () => {
        if (!found) reject(AppError.badInput('file', 'the form has no "file" field'));
      });
      form.on('error', (error) =>
        reject(AppError.badInput('file', `unreadable form: ${(error as Error).message}`)),
      );
      request.pipe(form);
    });
  }

  private sizeLimit(): Transform {
    const limit = this.config.adoption.importMaxBytes;
    let seen = 0;
    return new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > limit) {
          return done(
            new AppError('PAYLOAD_TOO_LARGE', `the file exceeds ${limit} bytes`, { field: 'file', limit }),
          );
        }
        done(null, chunk);
      },
    });
  }
}
