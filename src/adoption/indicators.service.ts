import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { byKeys, requestLoader, type RequestContext } from '../common/request-context.js';
import { IndicatorEntity } from './indicator.entity.js';
import type { Indicator } from './indicator.model.js';

const toIndicator = (e: IndicatorEntity): Indicator => ({ ...e });

@Injectable()
export class IndicatorsService {
  constructor(@InjectRepository(IndicatorEntity) private readonly indicators: Repository<IndicatorEntity>) {}

  async all(): Promise<Indicator[]> {
    return (await this.indicators.find({ order: { code: 'ASC' } })).map(toIndicator);
  }

  byCode(context: RequestContext, code: string): Promise<Indicator | null> {
    return requestLoader<string, Indicator>(context, 'indicator.byCode', async (codes) =>
      byKeys(codes, (await this.indicators.findBy({ code: In([...codes]) })).map(toIndicator), (i) => i.code),
    ).load(code);
  }
}
