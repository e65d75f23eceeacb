import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesService } from './companies.service.js';
import { UserCompanyResolver } from './companies.resolver.js';
import { CompanyEntity } from './company.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([CompanyEntity])],
  providers: [CompaniesService, UserCompanyResolver],
  exports: [CompaniesService],
})
export class SubsidiesModule {}
