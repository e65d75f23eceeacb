import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators.js';
import { AppError } from '../common/app-error.js';
import { ReportsService } from './reports.service.js';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/;

/** `GET /reports/:id.pdf`: the archived bytes, for regulators and administrators only. */
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Roles('REGULATOR', 'ADMIN')
  @Get(':file')
  async download(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = FILE.exec(file);
    if (!match) throw AppError.badInput('id', 'must be a report id followed by .pdf');
    const { report, bytes } = await this.reports.content(match[1]);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${report.kind.toLowerCase()}-${report.period}-${report.language}.pdf"`,
      ETag: `"${report.sha256}"`,
      'Cache-Control': 'private, max-age=0, must-revalidate',
    });
    res.end(bytes);
  }
}
