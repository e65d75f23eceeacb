import { Module } from '@nestjs/common';
import { HospitalResolver, RegionResolver, UserHospitalResolver } from './registry.resolver.js';
import { RegistryService } from './registry.service.js';

@Module({
  providers: [RegistryService, RegionResolver, HospitalResolver, UserHospitalResolver],
  exports: [RegistryService],
})
export class RegistryModule {}
