import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IS_PUBLIC_KEY, REQUIRED_SCOPES_KEY } from '@timesheets/api-auth';

export interface AppRoute {
  /** `METHOD /path/:param`, without the global `/api` prefix. */
  route: string;
  method: string;
  path: string;
  isPublic: boolean;
  scopes: string[] | undefined;
}

/** Every route of the running application, read from its controllers' metadata (documented or not). */
export function appRoutes(app: NestFastifyApplication): AppRoute[] {
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const found: AppRoute[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  for (const wrapper of controllers) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path =
        `/${Reflect.getMetadata(PATH_METADATA, wrapper.metatype)}/${Reflect.getMetadata(PATH_METADATA, handler)}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1');
      found.push({
        route: `${RequestMethod[method]} ${path}`,
        method: RequestMethod[method],
        path,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, wrapper.metatype]) === true,
        scopes: reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES_KEY, [handler, wrapper.metatype]),
      });
    }
  }
  return found;
}
