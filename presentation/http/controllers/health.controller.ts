import { Controller, Get, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { Readiness } from '../../../domain/shared/ports/readiness.port';
import { Api } from '../api.decorator';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) });

@Controller()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('healthz')
  @Api({ access: 'public', summary: 'Liveness: the process is up', tags: ['health'], response: Health })
  health(): z.infer<typeof Health> {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Api({
    access: 'public',
    summary: 'Readiness: the database (and Redis, if configured) answer',
    tags: ['health'],
    response: Ready,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.readiness.check();
    if (report.ready) return { status: 'ready', checks: report.checks };
    reply.status(503).type(PROBLEM_CONTENT_TYPE);
    return {
      type: problemType('not-ready'),
      title: 'Service Unavailable',
      status: 503,
      detail: 'a dependency does not answer',
      checks: report.checks,
    };
  }
}
