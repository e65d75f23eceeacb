import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { byKeys, requestLoader, type RequestContext } from '../common/request-context.js';
import { CompanyEntity } from './company.entity.js';
import type { Company } from './company.model.js';

@Injectable()
export class CompaniesService {
  constructor(@InjectRepository(CompanyEntity) private readonly companies: Repository<CompanyEntity>) {}

  byId(context: RequestContext, id: string): Promise<Company | null> {
    return requestLoader<string, Company>(context, 'company.byId', async (ids) =>
      byKeys(ids, await this.companies.findBy({ id: In([...ids]) }), (c) => c.id),
    ).load(id);
  }
}
