// scripts/produce.py, ported as `eventum convert` asks.
export function produce(ctx: { timestamp: { isoformat(): string } }): string {
  return JSON.stringify({ timestamp: ctx.timestamp.isoformat(), level: "INFO", message: "Request processed" });
}
