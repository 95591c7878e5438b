/**
 * OpenTelemetry database semantic conventions (stable DB conventions, Redis) as used here; written
 * out rather than imported, so the entry needs no package beyond its two optional peers.
 */
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
export const ATTR_DB_OPERATION_BATCH_SIZE = 'db.operation.batch.size';
export const ATTR_DB_NAMESPACE = 'db.namespace';
export const ATTR_DB_QUERY_TEXT = 'db.query.text';
export const ATTR_DB_RESPONSE_STATUS_CODE = 'db.response.status_code';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_DB_CLIENT_CONNECTION_STATE = 'db.client.connection.state';
export const ATTR_DB_CLIENT_CONNECTION_POOL_NAME = 'db.client.connection.pool.name';

export const DB_SYSTEM_REDIS = 'redis';
/** A cluster serves database 0 only. */
export const DB_NAMESPACE_CLUSTER = '0';

export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';
export const METRIC_DB_CLIENT_CONNECTION_COUNT = 'db.client.connection.count';

// Ours, where the conventions have no name: the cluster's own facts.
export const ATTR_SLOT = 'slotline.slot';
export const ATTR_NODE_ROLE = 'slotline.node.role';
export const ATTR_ATTEMPT = 'slotline.attempt';
export const ATTR_REDIRECTS = 'slotline.redirects';
export const ATTR_KEY_COUNT = 'slotline.key_count';
export const ATTR_REASON = 'slotline.reason';
export const METRIC_HEARTBEAT_LATENCY = 'slotline.heartbeat.latency';
export const METRIC_RETRIES = 'slotline.command.retries';
export const METRIC_REDIRECTS = 'slotline.command.redirects';

/** The conventions' bucket advice for db.client.operation.duration (seconds). */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
