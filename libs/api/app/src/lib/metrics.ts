/**
 * Request counts, latencies per route and authentication failures, kept in memory and rendered in Prometheus' text
 * exposition format. Routes are the router's patterns (`/api/timesheets/:id`), never raw URLs, so cardinality stays
 * bounded whatever clients send.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Series {
  /** `method="GET",route="/api/timesheets"` */
  labels: string;
  counts: number[];
  sum: number;
  count: number;
  byStatus: Map<number, number>;
}

export class ApiMetrics {
  /** Keyed by method, then route pattern: no string is built on a request's way through. */
  private readonly series = new Map<string, Map<string, Series>>();
  private readonly authFailures = new Map<string, number>();
  private readonly startedAt = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.series.get(method);
    if (!byRoute) this.series.set(method, (byRoute = new Map()));
    let s = byRoute.get(route);
    if (!s) {
      s = {
        labels: `method="${escapeLabel(method)}",route="${escapeLabel(route)}"`,
        counts: BUCKETS.map(() => 0),
        sum: 0,
        count: 0,
        byStatus: new Map(),
      };
      byRoute.set(route, s);
    }
    s.byStatus.set(status, (s.byStatus.get(status) ?? 0) + 1);
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) s.counts[i]++;
    s.sum += seconds;
    s.count++;
  }

  authFailure(status: 401 | 403): void {
    const key = `status="${status}"`;
    this.authFailures.set(key, (this.authFailures.get(key) ?? 0) + 1);
  }

  render(): string {
    const all = [...this.series.values()].flatMap((byRoute) => [...byRoute.values()]);
    const lines: string[] = [
      '# HELP timesheets_http_requests_total HTTP requests by method, route pattern and status.',
      '# TYPE timesheets_http_requests_total counter',
      ...all.flatMap((s) =>
        [...s.byStatus].map(([status, n]) => `timesheets_http_requests_total{${s.labels},status="${status}"} ${n}`),
      ),
      '# HELP timesheets_http_request_duration_seconds Request latency by method and route pattern.',
      '# TYPE timesheets_http_request_duration_seconds histogram',
    ];
    for (const s of all) {
      BUCKETS.forEach((b, i) =>
        lines.push(`timesheets_http_request_duration_seconds_bucket{${s.labels},le="${b}"} ${s.counts[i]}`),
      );
      lines.push(`timesheets_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      lines.push(`timesheets_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      lines.push(`timesheets_http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    lines.push(
      '# HELP timesheets_auth_failures_total Requests refused for authentication (401) or authorization (403).',
      '# TYPE timesheets_auth_failures_total counter',
      ...[...this.authFailures].map(([k, v]) => `timesheets_auth_failures_total{${k}} ${v}`),
      '# HELP timesheets_process_uptime_seconds Seconds since the API started.',
      '# TYPE timesheets_process_uptime_seconds gauge',
      `timesheets_process_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`,
      '# HELP timesheets_process_resident_memory_bytes Resident set size.',
      '# TYPE timesheets_process_resident_memory_bytes gauge',
      `timesheets_process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    );
    return `${lines.join('\n')}\n`;
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
