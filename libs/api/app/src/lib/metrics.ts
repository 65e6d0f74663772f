/**
 * Request counts, latencies per route and authentication failures, kept in memory and rendered in Prometheus' text
 * exposition format. Routes are the router's patterns (`/api/timesheets/:id`), never raw URLs, so cardinality stays
 * bounded whatever clients send.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export class ApiMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly authFailures = new Map<string, number>();
  private readonly startedAt = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = `method="${method}",route="${escapeLabel(route)}"`;
    let h = this.durations.get(hKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.counts[i]++;
    h.sum += seconds;
    h.count++;
  }

  authFailure(status: 401 | 403): void {
    const key = `status="${status}"`;
    this.authFailures.set(key, (this.authFailures.get(key) ?? 0) + 1);
  }

  render(): string {
    const lines: string[] = [
      '# HELP timesheets_http_requests_total HTTP requests by method, route pattern and status.',
      '# TYPE timesheets_http_requests_total counter',
      ...[...this.requests].map(([k, v]) => `timesheets_http_requests_total{${k}} ${v}`),
      '# HELP timesheets_http_request_duration_seconds Request latency by method and route pattern.',
      '# TYPE timesheets_http_request_duration_seconds histogram',
    ];
    for (const [k, h] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`timesheets_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`),
      );
      lines.push(`timesheets_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`timesheets_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      lines.push(`timesheets_http_request_duration_seconds_count{${k}} ${h.count}`);
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
