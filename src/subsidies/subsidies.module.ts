import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesService } from './companies.service.js';
import { UserCompanyResolver } from './companies.resolver.js';
import { CompanyEntity } from './company.entity.js';
import { DocumentsController } from './documents.controller.js';
import { SubsidiesService } from './subsidies.service.js';
import { SubsidyApplicationResolver, SubsidyProgramResolver } from './subsidies.resolver.js';

@Module({
  imports: [TypeOrmModule.forFeature([CompanyEntity])],
  controllers: [DocumentsController],
  providers: [
    CompaniesService,
    UserCompanyResolver,
    SubsidiesService,
    SubsidyProgramResolver,
    SubsidyApplicationResolver,
  ],
  exports: [CompaniesService, SubsidiesService],
})
export class SubsidiesModule {}
