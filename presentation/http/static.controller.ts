import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { Api } from './api.decorator';
import { OpenApiDocument } from './openapi-document';
import { ProblemException, problemType } from './problem';
import { DOCS_HTML, DOCS_INIT_JS, INVITE_HTML, INVITE_JS, PAGES_CSS } from './static-assets';

const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};
const ASSETS: Readonly<Record<string, [string, string]>> = {
  'invite.js': ['text/javascript; charset=utf-8', INVITE_JS],
  'pages.css': ['text/css; charset=utf-8', PAGES_CSS],
};
const FileParams = z.strictObject({ file: z.string() });
const swaggerDir = join(require.resolve('swagger-ui-dist/package.json'), '..');

/** The OpenAPI document, its Swagger UI, and the small pages the API links to (invite acceptance). */
@Controller()
export class StaticController {
  constructor(private readonly openapi: OpenApiDocument) {}

  @Get('openapi.json')
  @Api({ access: 'public', summary: 'The OpenAPI 3.1 document of this API', hidden: true })
  document(): unknown {
    return this.openapi.get();
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Api({ access: 'public', summary: 'Swagger UI', hidden: true })
  docs(): string {
    return DOCS_HTML;
  }

  @Get('docs/:file')
  @Api({ access: 'public', summary: 'Swagger UI assets', params: FileParams, hidden: true })
  async docsAsset(
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    if (file === 'init.js') {
      reply.type('text/javascript; charset=utf-8');
      return DOCS_INIT_JS;
    }
    const type = SWAGGER_FILES[file];
    if (!type) throw notFound();
    reply.type(type).header('cache-control', 'public, max-age=86400');
    return readFile(join(swaggerDir, file));
  }

  @Get('invite')
  @Header('content-type', 'text/html; charset=utf-8')
  @Api({ access: 'public', summary: 'Invite acceptance page', hidden: true })
  invite(): string {
    return INVITE_HTML;
  }

  @Get('assets/:file')
  @Api({ access: 'public', summary: 'Page assets', params: FileParams, hidden: true })
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const asset = ASSETS[file];
    if (!asset) throw notFound();
    reply.type(asset[0]);
    return asset[1];
  }
}

const notFound = () =>
  new ProblemException({
    type: problemType('not-found'),
    title: 'Not Found',
    status: 404,
    detail: 'no such file',
  });
