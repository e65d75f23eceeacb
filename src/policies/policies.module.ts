import { Module } from '@nestjs/common';
import { AdoptionModule } from '../adoption/adoption.module.js';
import { PoliciesService } from './policies.service.js';
import { PolicyResolver, TargetResolver } from './policies.resolver.js';

@Module({
  imports: [AdoptionModule],
  providers: [PoliciesService, PolicyResolver, TargetResolver],
  exports: [PoliciesService],
})
export class PoliciesModule {}
