import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import {
  ComplianceSnapshotResolver,
  RegionComplianceResolver,
  TargetComplianceFieldResolver,
  TargetComplianceResolver,
} from './compliance.resolver.js';
import { ComplianceService } from './compliance.service.js';

@Module({
  imports: [JobsModule, PoliciesModule, RegistryModule],
  providers: [
    ComplianceService,
    ComplianceSnapshotResolver,
    TargetComplianceResolver,
    RegionComplianceResolver,
    TargetComplianceFieldResolver,
  ],
  exports: [ComplianceService],
})
export class ComplianceModule {}
