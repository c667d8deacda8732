import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule } from './access.decorator';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access?: AccessRule;
}

/** Every HTTP route of the app with its access rule. */
export function listRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = [reflector.get<string | string[]>(PATH_METADATA, wrapper.metatype) ?? ''].flat()[0];
    const proto = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(proto)) {
      const fn = proto[name];
      const path = reflector.get<string | string[]>(PATH_METADATA, fn);
      if (path === undefined) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, fn) ?? RequestMethod.GET];
      const sub = [path].flat()[0];
      routes.push({
        method,
        path:
          '/' +
          [base, sub]
            .filter((s) => s && s !== '/')
            .join('/')
            .replace(/\/+/g, '/')
            .replace(/^\//, ''),
        controller: wrapper.metatype.name,
        handler: name,
        access: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [fn, wrapper.metatype]),
      });
    }
  }
  return routes;
}

/** Refuses to start an app that has a route without an access rule. */
@Injectable()
export class RouteAccessAuditor implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteInfo[] {
    return listRoutes(this.discovery, this.scanner, this.reflector);
  }

  onApplicationBootstrap(): void {
    const missing = this.routes().filter((r) => !r.access);
    if (missing.length) {
      throw new Error(
        `Routes without an access rule (@Public, @Authenticated, @Roles or @ApiKeyAccess): ${missing.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ')}`,
      );
    }
  }
}
