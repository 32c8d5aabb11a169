import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthCache } from './auth-cache';
import { AuthGuard } from './auth.guard';

/** The global guard and its cache; the tenants module provides API_KEY_LOOKUP. */
@Global()
@Module({
  providers: [
    {
      provide: AuthCache,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new AuthCache(c.authCacheTtlMs),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthCache],
})
export class AuthModule {}
