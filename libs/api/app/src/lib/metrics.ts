import { Injectable } from '@nestjs/common';
import { HttpMetrics } from '@timesheets/server-core';

/** The API's Prometheus metrics (server-core's HttpMetrics on prom-client), one instance per application. */
@Injectable()
export class ApiMetrics extends HttpMetrics {}
