import { collectDefaultMetrics, Counter, Histogram, prometheusContentType, Registry } from 'prom-client';

/** Content-Type of HttpMetrics.render()'s text (Prometheus exposition format 0.0.4). */
export const METRICS_CONTENT_TYPE: string = prometheusContentType;

/** Request latency buckets, in seconds (1 ms .. 2.5 s). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics (CPU, resident memory, heap and heap spaces, event-loop lag and its percentiles, GC
 * durations by kind, active handles and requests, open file descriptors, Node version), once per process: they
 * describe the process, and registering them twice would observe every GC twice.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The Prometheus metrics of one HTTP service (the API, the provider): requests by method, route pattern and status,
 * latency histograms by method and route, authentication failures, and the process metrics beside them. Routes are
 * patterns (`/api/timesheets/:id`), never raw URLs, so cardinality stays bounded whatever clients send.
 */
export class HttpMetrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'timesheets_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'timesheets_http_request_duration_seconds',
    help: 'Request latency by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  private readonly authFailures = new Counter({
    name: 'timesheets_auth_failures_total',
    help: 'Requests refused for authentication (401) or authorization (403).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  /** prom-client's bound series, by method then route (and status): a request looks them up, builds no label set. */
  private readonly series = new Map<
    string,
    Map<string, { duration: { observe(seconds: number): void }; byStatus: Map<number, { inc(): void }> }>
  >();

  constructor() {
    processMetrics();
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.series.get(method);
    if (!byRoute) this.series.set(method, (byRoute = new Map()));
    let series = byRoute.get(route);
    if (!series) byRoute.set(route, (series = { duration: this.duration.labels(method, route), byStatus: new Map() }));
    let requests = series.byStatus.get(status);
    if (!requests) series.byStatus.set(status, (requests = this.requests.labels(method, route, String(status))));
    requests.inc();
    series.duration.observe(seconds);
  }

  authFailure(status: 401 | 403): void {
    this.authFailures.labels(String(status)).inc();
  }

  /** The Prometheus text exposition: the process metrics, then this service's. */
  async render(): Promise<string> {
    return `${await processMetrics().metrics()}\n${await this.registry.metrics()}`;
  }
}
