import { Controller, Headers, Post, Req, Res } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { IngestTracesUseCase, PROJECT_ATTRIBUTE } from '../../../application/runs/ingest-traces.use-case';
import { type Actor } from '../../../application/shared/actor';
import { Api } from '../api.decorator';
import { CurrentActor } from '../current-actor.decorator';
import { unwrap } from '../result';

@Controller('v1/traces')
export class OtlpController {
  constructor(private readonly ingest: IngestTracesUseCase) {}

  @Post()
  @Api({
    access: 'developer',
    summary: 'OTLP/HTTP trace receiver',
    description: `Point any OpenTelemetry exporter here (protobuf or JSON, gzip too). Each trace becomes a run and each span a step, read through the OpenTelemetry GenAI, OpenInference and Traceloop conventions. Authenticate with a project API key (or a user token plus the resource attribute ${PROJECT_ATTRIBUTE}).`,
    tags: ['runs'],
    consumes: ['application/x-protobuf', 'application/json'],
  })
  async receive(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Uint8Array | string> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const ingested = unwrap(await this.ingest.execute(actor, { body, contentType }));
    reply.status(200).type(ingested.response.contentType);
    return typeof ingested.response.body === 'string'
      ? ingested.response.body
      : Buffer.from(ingested.response.body);
  }
}
