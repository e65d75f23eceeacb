import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Roles } from '../auth/access.decorators.js';
import { AppError } from '../common/app-error.js';
import { DOCUMENT_KINDS, type ApplicationDocument, type DocumentKind } from './subsidies.model.js';
import { DOCUMENT_MAX_BYTES, SubsidiesService } from './subsidies.service.js';

/**
 * Document upload: `POST /subsidy-applications/:id/documents?kind=CONTRACT&fileName=c.pdf` with the file as the
 * body (application/pdf, image/png or image/jpeg). The body is read up to the size limit and no further.
 */
@Controller('subsidy-applications')
export class DocumentsController {
  constructor(private readonly subsidies: SubsidiesService) {}

  @Roles('COMPANY')
  @Post(':id/documents')
  @HttpCode(201)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => AppError.badInput('id', 'must be a UUID') }))
    id: string,
    @Query('kind') kind: string,
    @Query('fileName') fileName: string | undefined,
    @Req() request: Request,
  ): Promise<ApplicationDocument> {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
      throw AppError.badInput('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}`);
    }
    const bytes = await readLimited(request, DOCUMENT_MAX_BYTES);
    return this.subsidies.addDocument(user, id, kind as DocumentKind, {
      name: fileName ?? `${kind.toLowerCase()}`,
      bytes,
    });
  }
}

async function readLimited(request: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      request.resume();
      throw AppError.badInput('file', `documents are at most ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
