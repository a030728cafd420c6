import { type DynamicModule, Module } from '@nestjs/common';
import { CloudModule } from './modules/cloud.module';
import { CoreModule } from './modules/core.module';
import { GovernanceModule } from './modules/governance.module';
import { HttpModule } from './modules/http.module';
import { ModernizeModule } from './modules/modernize.module';
import { RunsModule } from './modules/runs.module';
import { TenancyModule } from './modules/tenancy.module';
import { WorkflowsModule } from './modules/workflows.module';
import { type Runtime } from './runtime';

@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(runtime),
        TenancyModule,
        RunsModule,
        GovernanceModule,
        CloudModule,
        WorkflowsModule,
        ModernizeModule,
        HttpModule,
      ],
    };
  }
}
