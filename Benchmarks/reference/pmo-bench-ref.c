/*
 * pmo-bench-ref: the C reference of the runtime benchmark (scripts/bench.sh), on librdkafka.
 *
 *   pmo-bench-ref load  --brokers B --topic T --events N [--keys K] [--id-prefix P]
 *                       [--value-file F --type T]
 *       Preloads N CloudEvents-shaped count requests (pmo.test.count.requested.v1, keys
 *       key-0..key-(K-1), value {"amount":1,"key":"key-i"}, the seven ce_* headers) with the
 *       murmur2 partitioner, as the Swift services expect them, then flushes and exits. With
 *       --value-file every value is that file's bytes and ce_type is T (the gateway benchmark's
 *       raw producer: records the size of the events it publishes).
 *   pmo-bench-ref raw   --brokers B --group G --input T --output T [--poll-records N]
 *       Raw pass-through: consume_batch_queue -> producev to the output topic, one idempotent
 *       producer, no transactions, auto-commit.
 *   pmo-bench-ref eos   --brokers B --group G --input T --output T [--changelog T]
 *                       [--changelog-mode input|key|none] [--commit-records N]
 *                       [--commit-interval-ms MS] [--poll-records N]
 *       Exactly-once pass-through shaped like the Swift runtime: one read_committed consumer in
 *       the group (range assignment), a transactional producer per input partition with
 *       transactional.id <group>-p<N>, each input forwarded to the output topic and (mode
 *       "input") one changelog record per input, keyed by the record key, in the input's
 *       partition of the compacted changelog; mode "key" writes one changelog record per key
 *       changed in the transaction, at commit (as the runtime does); "none" writes none.
 *       The consumed offsets go into the transaction, committed after N records or MS ms.
 *   pmo-bench-ref watch --brokers B --topic T --events N [--timeout-s S] [--source-topic S]
 *       A read_committed reader of every partition of T from the beginning; waits until N
 *       distinct inputs have their output (an output names its input by the bench_source
 *       header, or by a ce_id of the form topic/partition/offset/n) and prints when. With
 *       --source-topic only outputs of inputs from topic S count (others: other_source).
 *   pmo-bench-ref create --brokers B --topic T [--topic T2 ...] [--partitions N] [--compact 1]
 *       Creates topics (N partitions, 6 by default; compacted with --compact 1).
 *   pmo-bench-ref delete --brokers B --topic T [--topic T2 ...]
 *       Deletes topics.
 *
 * Every mode takes --property name=value (repeatable) for any librdkafka property. Results are
 * printed on stdout as name=value lines; diagnostics go to stderr. SIGTERM or SIGINT ends raw
 * and eos in order: the open transactions are committed and the group is left.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>

#define MAX_PARTITIONS 1024
#define MAX_PROPERTIES 64
#define MAX_TOPICS 64

/* ---------------------------------------------------------------------------------------- */
/* Options                                                                                   */

static struct {
    const char *mode;
    const char *brokers;
    const char *topic;
    const char *group;
    const char *input;
    const char *output;
    const char *changelog;
    const char *changelog_mode; /* input, key, none */
    const char *id_prefix;
    const char *source_topic; /* watch: count only outputs of inputs from this topic */
    const char *value_file;   /* load: every value is this file's bytes */
    const char *event_type;   /* load: ce_type with --value-file */
    long events;
    long keys;
    long commit_records;
    long commit_interval_ms;
    long poll_records;
    long timeout_s;
    long partitions;
    long compact;
    const char *properties[MAX_PROPERTIES];
    int property_count;
    const char *topics[MAX_TOPICS];
    int topic_count;
} opt = {
    .changelog_mode = "input",
    .id_prefix = "bench",
    .events = 100000,
    .keys = 1000,
    .commit_records = 5000,
    .commit_interval_ms = 100,
    .poll_records = 500,
    .timeout_s = 300,
    .partitions = 6,
};

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pmo-bench-ref %s: ", opt.mode ? opt.mode : "");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void usage(void) {
    fprintf(stderr,
            "usage: pmo-bench-ref load|raw|eos|watch|create|delete --brokers HOST:PORT [options]\n"
            "  load:   --topic T --events N [--keys K] [--id-prefix P]\n"
            "  raw:    --group G --input T --output T [--poll-records N]\n"
            "  eos:    --group G --input T --output T [--changelog T] [--changelog-mode input|key|none]\n"
            "          [--commit-records N] [--commit-interval-ms MS] [--poll-records N]\n"
            "  watch:  --topic T --events N [--timeout-s S] [--source-topic S]\n"
            "  create: --topic T [--topic T ...] [--partitions N] [--compact 1]\n"
            "  delete: --topic T [--topic T ...]\n"
            "  every mode: --property name=value (repeatable)\n");
    exit(2);
}

static long parse_long(const char *name, const char *value) {
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || *end || end == value) die("%s needs a number, not '%s'", name, value);
    return v;
}

static void parse_options(int argc, char **argv) {
    if (argc < 2) usage();
    opt.mode = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *name = argv[i];
        const char *value = NULL;
        char *eq = strchr(name, '=');
        char namebuf[128];
        if (eq && strncmp(name, "--", 2) == 0 && (size_t)(eq - name) < sizeof(namebuf)) {
            memcpy(namebuf, name, (size_t)(eq - name));
            namebuf[eq - name] = 0;
            name = namebuf;
            value = eq + 1;
        } else {
            if (i + 1 >= argc) die("%s needs a value", name);
            value = argv[++i];
        }
        if (!strcmp(name, "--brokers")) opt.brokers = value;
        else if (!strcmp(name, "--topic")) {
            opt.topic = value;
            if (opt.topic_count < MAX_TOPICS) opt.topics[opt.topic_count++] = value;
        } else if (!strcmp(name, "--group")) opt.group = value;
        else if (!strcmp(name, "--input")) opt.input = value;
        else if (!strcmp(name, "--output")) opt.output = value;
        else if (!strcmp(name, "--changelog")) opt.changelog = value;
        else if (!strcmp(name, "--changelog-mode")) opt.changelog_mode = value;
        else if (!strcmp(name, "--id-prefix")) opt.id_prefix = value;
        else if (!strcmp(name, "--value-file")) opt.value_file = value;
        else if (!strcmp(name, "--type")) opt.event_type = value;
        else if (!strcmp(name, "--source-topic")) opt.source_topic = value;
        else if (!strcmp(name, "--events")) opt.events = parse_long(name, value);
        else if (!strcmp(name, "--keys")) opt.keys = parse_long(name, value);
        else if (!strcmp(name, "--commit-records")) opt.commit_records = parse_long(name, value);
        else if (!strcmp(name, "--commit-interval-ms")) opt.commit_interval_ms = parse_long(name, value);
        else if (!strcmp(name, "--poll-records")) opt.poll_records = parse_long(name, value);
        else if (!strcmp(name, "--timeout-s")) opt.timeout_s = parse_long(name, value);
        else if (!strcmp(name, "--partitions")) opt.partitions = parse_long(name, value);
        else if (!strcmp(name, "--compact")) opt.compact = parse_long(name, value);
        else if (!strcmp(name, "--property")) {
            if (opt.property_count >= MAX_PROPERTIES) die("too many --property");
            opt.properties[opt.property_count++] = value;
        } else {
            fprintf(stderr, "unknown option %s\n", name);
            usage();
        }
    }
    if (!opt.brokers) die("--brokers is required");
    if (opt.keys <= 0 || opt.events < 0 || opt.commit_records <= 0 || opt.commit_interval_ms <= 0 || opt.poll_records <= 0)
        die("counts and intervals must be positive");
}

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                   */

static volatile sig_atomic_t stopping = 0;
static void on_signal(int sig) { (void)sig; stopping = 1; }

static int64_t now_us(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
static int64_t mono_us(void) { return now_us(CLOCK_MONOTONIC); }
static int64_t wall_us(void) { return now_us(CLOCK_REALTIME); }

static void set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof(err)) != RD_KAFKA_CONF_OK) die("%s=%s: %s", name, value, err);
}

/* A configuration with the brokers, then `defaults` (name, value, ..., NULL), then --property. */
static rd_kafka_conf_t *make_conf(const char *first, ...) {
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", opt.brokers);
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *value = va_arg(ap, const char *);
        set(conf, name, value);
    }
    va_end(ap);
    for (int i = 0; i < opt.property_count; i++) {
        char buf[1024];
        snprintf(buf, sizeof(buf), "%s", opt.properties[i]);
        char *eq = strchr(buf, '=');
        if (!eq) die("--property %s: expected name=value", buf);
        *eq = 0;
        set(conf, buf, eq + 1);
    }
    return conf;
}

static rd_kafka_t *make_client(rd_kafka_type_t type, rd_kafka_conf_t *conf) {
    char err[512];
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, sizeof(err));
    if (!rk) die("rd_kafka_new: %s", err);
    return rk;
}

static long delivery_failures = 0;
static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk;
    (void)opaque;
    if (m->err) {
        if (delivery_failures++ < 5) fprintf(stderr, "delivery failed: %s\n", rd_kafka_err2str(m->err));
    }
}

/* The producer settings of the Swift client (KafkaProducer.defaultProperties). */
#define PRODUCER_DEFAULTS "enable.idempotence", "true", "acks", "all", "linger.ms", "5", "partitioner", "murmur2_random"

/* A transactional producer lingers for the commit interval (5 ms to 1 s), as the runtime's do
   (RuntimeConfiguration.partitionProducer): the commit flushes what still waits. */
static rd_kafka_t *make_producer(const char *transactional_id) {
    char linger[24];
    long linger_ms = opt.commit_interval_ms < 5 ? 5 : opt.commit_interval_ms > 1000 ? 1000 : opt.commit_interval_ms;
    snprintf(linger, sizeof linger, "%ld", linger_ms);
    rd_kafka_conf_t *conf = transactional_id
        ? make_conf(PRODUCER_DEFAULTS, "transactional.id", transactional_id, "transaction.timeout.ms", "60000",
                    "linger.ms", linger, NULL)
        : make_conf(PRODUCER_DEFAULTS, NULL);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    return make_client(RD_KAFKA_PRODUCER, conf);
}

/* Produces, waiting while the local queue is full. `headers` is taken over on success. */
static void produce(rd_kafka_t *producer, const char *topic, int32_t partition, const void *key, size_t key_len,
                    const void *value, size_t value_len, rd_kafka_headers_t *headers) {
    for (;;) {
        rd_kafka_resp_err_t err;
        if (headers)
            err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
        else
            err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        if (!err) return;
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) die("produce to %s: %s", topic, rd_kafka_err2str(err));
        rd_kafka_poll(producer, 10);
    }
}

/* Waits up to timeout_ms for a record, then takes what else is there without waiting, up to
 * `size` in all: rd_kafka_consume_batch_queue alone would wait for a full batch or the timeout. */
static ssize_t consume_some(rd_kafka_queue_t *queue, int timeout_ms, rd_kafka_message_t **batch, size_t size) {
    rd_kafka_message_t *first = rd_kafka_consume_queue(queue, timeout_ms);
    if (!first) return 0;
    batch[0] = first;
    if (size == 1) return 1;
    ssize_t more = rd_kafka_consume_batch_queue(queue, 0, batch + 1, size - 1);
    return 1 + (more > 0 ? more : 0);
}

/* The input's headers, copied, plus bench_source = topic/partition/offset. */
static rd_kafka_headers_t *forwarded_headers(rd_kafka_message_t *m) {
    rd_kafka_headers_t *in = NULL;
    rd_kafka_headers_t *out;
    if (rd_kafka_message_headers(m, &in) == RD_KAFKA_RESP_ERR_NO_ERROR && in)
        out = rd_kafka_headers_copy(in);
    else
        out = rd_kafka_headers_new(1);
    char source[512];
    int n = snprintf(source, sizeof(source), "%s/%" PRId32 "/%" PRId64, rd_kafka_topic_name(m->rkt), m->partition,
                     m->offset);
    rd_kafka_header_add(out, "bench_source", -1, source, n);
    return out;
}

/* The input consumer: in the group, range assignment, as the Swift runtime's; read_committed with
 * manual commits for exactly-once, read_uncommitted with auto-commit for the raw pass-through. */
static rd_kafka_conf_t *consumer_conf(const char *group, int exactly_once) {
    return exactly_once
        ? make_conf("group.id", group, "enable.auto.commit", "false", "isolation.level", "read_committed",
                    "auto.offset.reset", "earliest", "partition.assignment.strategy", "range",
                    "fetch.wait.max.ms", "25", "session.timeout.ms", "6000", NULL)
        : make_conf("group.id", group, "enable.auto.commit", "true", "isolation.level", "read_uncommitted",
                    "auto.offset.reset", "earliest", "partition.assignment.strategy", "range",
                    "fetch.wait.max.ms", "25", "session.timeout.ms", "6000", NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* load                                                                                      */

static int run_load(void) {
    if (!opt.topic) die("--topic is required");
    rd_kafka_conf_t *conf = make_conf(PRODUCER_DEFAULTS, "linger.ms", "20", "batch.num.messages", "10000",
                                      "queue.buffering.max.messages", "1000000", NULL);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *producer = make_client(RD_KAFKA_PRODUCER, conf);
    /* One event time for the whole load: a valid RFC 3339 instant, cheap to repeat. */
    char ce_time[64];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(ce_time, sizeof(ce_time), "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *file_value = NULL;
    size_t file_value_len = 0;
    if (opt.value_file) {
        FILE *file = fopen(opt.value_file, "rb");
        if (!file) die("cannot open %s: %s", opt.value_file, strerror(errno));
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        if (size <= 0) die("%s is empty", opt.value_file);
        file_value = malloc((size_t)size);
        if (!file_value || fread(file_value, 1, (size_t)size, file) != (size_t)size) die("cannot read %s", opt.value_file);
        fclose(file);
        file_value_len = (size_t)size;
    }
    const char *event_type = opt.value_file && opt.event_type ? opt.event_type : "pmo.test.count.requested.v1";
    int64_t started = mono_us();
    for (long i = 0; i < opt.events; i++) {
        char key[64], value[128], id[256];
        int key_len = snprintf(key, sizeof(key), "key-%ld", i % opt.keys);
        int value_len = snprintf(value, sizeof(value), "{\"amount\":1,\"key\":\"%s\"}", key);
        int id_len = snprintf(id, sizeof(id), "%s-%ld", opt.id_prefix, i);
        rd_kafka_headers_t *h = rd_kafka_headers_new(7);
        rd_kafka_header_add(h, "ce_specversion", -1, "1.0", 3);
        rd_kafka_header_add(h, "ce_id", -1, id, id_len);
        rd_kafka_header_add(h, "ce_source", -1, "/bench", 6);
        rd_kafka_header_add(h, "ce_type", -1, event_type, -1);
        rd_kafka_header_add(h, "ce_time", -1, ce_time, -1);
        rd_kafka_header_add(h, "ce_subject", -1, key, key_len);
        rd_kafka_header_add(h, "content-type", -1, "application/json", -1);
        if (file_value)
            produce(producer, opt.topic, RD_KAFKA_PARTITION_UA, key, (size_t)key_len, file_value, file_value_len, h);
        else
            produce(producer, opt.topic, RD_KAFKA_PARTITION_UA, key, (size_t)key_len, value, (size_t)value_len, h);
        if ((i & 1023) == 0) rd_kafka_poll(producer, 0);
    }
    rd_kafka_resp_err_t err = rd_kafka_flush(producer, 120000);
    int64_t elapsed = mono_us() - started;
    rd_kafka_destroy(producer);
    free(file_value);
    if (err) die("flush: %s", rd_kafka_err2str(err));
    if (delivery_failures) die("%ld records were not delivered", delivery_failures);
    printf("loaded=%ld\nload_seconds=%.3f\n", opt.events, elapsed / 1e6);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* raw                                                                                       */

static int run_raw(void) {
    if (!opt.group || !opt.input || !opt.output) die("--group, --input and --output are required");
    rd_kafka_t *consumer = make_client(RD_KAFKA_CONSUMER, consumer_conf(opt.group, 0));
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_t *producer = make_producer(NULL);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, opt.input, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (err) die("subscribe: %s", rd_kafka_err2str(err));
    rd_kafka_queue_t *queue = rd_kafka_queue_get_consumer(consumer);
    rd_kafka_message_t **batch = calloc((size_t)opt.poll_records, sizeof(*batch));
    long forwarded = 0;
    fprintf(stderr, "raw pass-through %s -> %s running\n", opt.input, opt.output);
    while (!stopping) {
        ssize_t n = consume_some(queue, 100, batch, (size_t)opt.poll_records);
        for (ssize_t i = 0; i < n; i++) {
            rd_kafka_message_t *m = batch[i];
            if (!m->err) {
                produce(producer, opt.output, RD_KAFKA_PARTITION_UA, m->key, m->key_len, m->payload, m->len,
                        forwarded_headers(m));
                forwarded++;
            } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                fprintf(stderr, "consumer: %s\n", rd_kafka_message_errstr(m));
            }
            rd_kafka_message_destroy(m);
        }
        rd_kafka_poll(producer, 0);
    }
    rd_kafka_flush(producer, 30000);
    rd_kafka_queue_destroy(queue);
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    rd_kafka_destroy(producer);
    free(batch);
    printf("forwarded=%ld\ndelivery_failures=%ld\n", forwarded, delivery_failures);
    return delivery_failures ? 1 : 0;
}

/* ---------------------------------------------------------------------------------------- */
/* eos                                                                                       */

/* The count of each key, in an open-addressing table; `dirty` marks a key changed in its
 * partition's open transaction (changelog mode "key"). */
typedef struct {
    char *key;
    size_t key_len;
    uint64_t hash;
    long total;
    int dirty;
} key_count;

static key_count *table;
static size_t table_capacity, table_size;

static uint64_t fnv1a(const void *data, size_t len) {
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static key_count *table_find(const void *key, size_t len);

static void table_grow(void) {
    key_count *old = table;
    size_t old_capacity = table_capacity;
    table_capacity = old_capacity ? old_capacity * 2 : 4096;
    table = calloc(table_capacity, sizeof(*table));
    table_size = 0;
    for (size_t i = 0; i < old_capacity; i++) {
        if (!old[i].key) continue;
        size_t j = old[i].hash & (table_capacity - 1);
        while (table[j].key) j = (j + 1) & (table_capacity - 1);
        table[j] = old[i];
        table_size++;
    }
    free(old);
}

static key_count *table_find(const void *key, size_t len) {
    if ((table_size + 1) * 2 > table_capacity) table_grow();
    uint64_t h = fnv1a(key, len);
    size_t j = h & (table_capacity - 1);
    while (table[j].key) {
        if (table[j].hash == h && table[j].key_len == len && !memcmp(table[j].key, key, len)) return &table[j];
        j = (j + 1) & (table_capacity - 1);
    }
    table[j].key = malloc(len + 1);
    memcpy(table[j].key, key, len);
    table[j].key[len] = 0;
    table[j].key_len = len;
    table[j].hash = h;
    table_size++;
    return &table[j];
}

typedef struct {
    rd_kafka_t *producer;
    int open;
    long pending;
    int64_t opened_at;
    int64_t next_offset;
    key_count **dirty;
    size_t dirty_count, dirty_capacity;
} partition_txn;

static partition_txn txns[MAX_PARTITIONS];
static rd_kafka_t *eos_consumer;
static long transactions, records_in, changelog_records;
static int64_t offsets_us, commit_us;

static void check_txn(rd_kafka_error_t *error, const char *what, int32_t partition) {
    if (!error) return;
    die("partition %" PRId32 ": %s failed: %s%s", partition, what, rd_kafka_error_string(error),
        rd_kafka_error_txn_requires_abort(error) ? " (requires abort)" : "");
}

/* Calls `call` again while it fails with a retriable error (as the Swift runtime does). */
#define RETRYING(partition, what, call)                                                         \
    do {                                                                                        \
        rd_kafka_error_t *error_;                                                               \
        for (int attempt_ = 0;; attempt_++) {                                                   \
            error_ = (call);                                                                    \
            if (!error_ || !rd_kafka_error_is_retriable(error_) || attempt_ >= 20) break;       \
            fprintf(stderr, "partition %d: %s: %s, retrying\n", (int)(partition), what,         \
                    rd_kafka_error_string(error_));                                             \
            rd_kafka_error_destroy(error_);                                                     \
        }                                                                                       \
        check_txn(error_, what, partition);                                                     \
    } while (0)

static void commit_partition(int32_t p) {
    partition_txn *t = &txns[p];
    if (!t->open) return;
    for (size_t i = 0; i < t->dirty_count; i++) {
        key_count *k = t->dirty[i];
        char value[96];
        int n = snprintf(value, sizeof(value), "{\"state\":{\"total\":%ld,\"applied\":%ld}}", k->total, k->total);
        produce(t->producer, opt.changelog, p, k->key, k->key_len, value, (size_t)n, NULL);
        changelog_records++;
        k->dirty = 0;
    }
    t->dirty_count = 0;
    int64_t started = mono_us();
    rd_kafka_topic_partition_list_t *offsets = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(offsets, opt.input, p)->offset = t->next_offset;
    rd_kafka_consumer_group_metadata_t *group = rd_kafka_consumer_group_metadata(eos_consumer);
    RETRYING(p, "send_offsets_to_transaction", rd_kafka_send_offsets_to_transaction(t->producer, offsets, group, 30000));
    rd_kafka_consumer_group_metadata_destroy(group);
    rd_kafka_topic_partition_list_destroy(offsets);
    int64_t sent = mono_us();
    RETRYING(p, "commit_transaction", rd_kafka_commit_transaction(t->producer, 30000));
    commit_us += mono_us() - sent;
    offsets_us += sent - started;
    t->open = 0;
    t->pending = 0;
    transactions++;
}

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions, void *opaque) {
    (void)opaque;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        for (int i = 0; i < partitions->cnt; i++) {
            int32_t p = partitions->elems[i].partition;
            if (p < 0 || p >= MAX_PARTITIONS) die("partition %d out of range", (int)p);
            if (txns[p].producer) continue;
            char id[512];
            snprintf(id, sizeof(id), "%s-p%" PRId32, opt.group, p);
            txns[p].producer = make_producer(id);
            /* Fences any previous owner of the partition and aborts what it left open. */
            RETRYING(p, "init_transactions", rd_kafka_init_transactions(txns[p].producer, 30000));
        }
        fprintf(stderr, "eos: assigned %d partitions\n", partitions->cnt);
        rd_kafka_assign(rk, partitions);
    } else {
        for (int i = 0; i < partitions->cnt; i++) {
            int32_t p = partitions->elems[i].partition;
            if (p >= 0 && p < MAX_PARTITIONS) commit_partition(p);
        }
        rd_kafka_assign(rk, NULL);
    }
}

static int run_eos(void) {
    if (!opt.group || !opt.input || !opt.output) die("--group, --input and --output are required");
    int changelog_mode = !strcmp(opt.changelog_mode, "input") ? 1 : !strcmp(opt.changelog_mode, "key") ? 2
                       : !strcmp(opt.changelog_mode, "none") ? 0 : -1;
    if (changelog_mode < 0) die("--changelog-mode is input, key or none");
    if (changelog_mode && !opt.changelog) die("--changelog is required unless --changelog-mode none");
    rd_kafka_conf_t *cconf = consumer_conf(opt.group, 1);
    rd_kafka_conf_set_rebalance_cb(cconf, on_rebalance);
    eos_consumer = make_client(RD_KAFKA_CONSUMER, cconf);
    rd_kafka_poll_set_consumer(eos_consumer);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, opt.input, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t err = rd_kafka_subscribe(eos_consumer, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (err) die("subscribe: %s", rd_kafka_err2str(err));
    rd_kafka_queue_t *queue = rd_kafka_queue_get_consumer(eos_consumer);
    rd_kafka_message_t **batch = calloc((size_t)opt.poll_records, sizeof(*batch));
    const int64_t interval_us = opt.commit_interval_ms * 1000;
    fprintf(stderr, "eos pass-through %s -> %s (changelog %s) running: commit after %ld records or %ld ms\n",
            opt.input, opt.output, opt.changelog_mode, opt.commit_records, opt.commit_interval_ms);
    while (!stopping) {
        /* Wait no longer than the oldest open transaction's remaining time, 100 ms at most. */
        int64_t now = mono_us();
        int timeout_ms = 100;
        for (int p = 0; p < MAX_PARTITIONS; p++) {
            if (!txns[p].open) continue;
            int64_t left = (txns[p].opened_at + interval_us - now) / 1000;
            if (left < timeout_ms) timeout_ms = left < 0 ? 0 : (int)left;
        }
        ssize_t n = consume_some(queue, timeout_ms, batch, (size_t)opt.poll_records);
        for (ssize_t i = 0; i < n; i++) {
            rd_kafka_message_t *m = batch[i];
            if (m->err) {
                if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) fprintf(stderr, "consumer: %s\n", rd_kafka_message_errstr(m));
                rd_kafka_message_destroy(m);
                continue;
            }
            int32_t p = m->partition;
            partition_txn *t = &txns[p];
            if (p < 0 || p >= MAX_PARTITIONS || !t->producer) die("record of unowned partition %d", (int)p);
            if (!t->open) {
                RETRYING(p, "begin_transaction", rd_kafka_begin_transaction(t->producer));
                t->open = 1;
                t->opened_at = mono_us();
            }
            produce(t->producer, opt.output, RD_KAFKA_PARTITION_UA, m->key, m->key_len, m->payload, m->len,
                    forwarded_headers(m));
            if (changelog_mode && m->key) {
                key_count *k = table_find(m->key, m->key_len);
                k->total++;
                if (changelog_mode == 1) {
                    char value[96];
                    int len = snprintf(value, sizeof(value), "{\"state\":{\"total\":%ld,\"applied\":%ld}}", k->total, k->total);
                    produce(t->producer, opt.changelog, p, m->key, m->key_len, value, (size_t)len, NULL);
                    changelog_records++;
                } else if (!k->dirty) {
                    k->dirty = 1;
                    if (t->dirty_count == t->dirty_capacity) {
                        t->dirty_capacity = t->dirty_capacity ? t->dirty_capacity * 2 : 256;
                        t->dirty = realloc(t->dirty, t->dirty_capacity * sizeof(*t->dirty));
                    }
                    t->dirty[t->dirty_count++] = k;
                }
            }
            t->pending++;
            t->next_offset = m->offset + 1;
            records_in++;
            rd_kafka_message_destroy(m);
        }
        now = mono_us();
        for (int p = 0; p < MAX_PARTITIONS; p++) {
            partition_txn *t = &txns[p];
            if (!t->producer) continue;
            if (t->open && (t->pending >= opt.commit_records || now - t->opened_at >= interval_us)) commit_partition(p);
            rd_kafka_poll(t->producer, 0);
        }
    }
    for (int p = 0; p < MAX_PARTITIONS; p++) commit_partition(p);
    rd_kafka_queue_destroy(queue);
    rd_kafka_consumer_close(eos_consumer);
    rd_kafka_destroy(eos_consumer);
    for (int p = 0; p < MAX_PARTITIONS; p++) {
        if (!txns[p].producer) continue;
        rd_kafka_flush(txns[p].producer, 10000);
        rd_kafka_destroy(txns[p].producer);
    }
    free(batch);
    printf("records=%ld\ntransactions=%ld\nchangelog_records=%ld\nsend_offsets_seconds=%.3f\ncommit_seconds=%.3f\n"
           "delivery_failures=%ld\n",
           records_in, transactions, changelog_records, offsets_us / 1e6, commit_us / 1e6, delivery_failures);
    return delivery_failures ? 1 : 0;
}

/* ---------------------------------------------------------------------------------------- */
/* watch                                                                                     */

/* Which input offsets of each input partition have had their output. */
typedef struct {
    unsigned char *bits;
    int64_t capacity;
} seen_set;
static seen_set seen[MAX_PARTITIONS];

/* Marks input (partition, offset); returns 1 if new, 0 if seen before. */
static int mark_seen(int32_t partition, int64_t offset) {
    if (partition < 0 || partition >= MAX_PARTITIONS || offset < 0) return -1;
    seen_set *s = &seen[partition];
    if (offset >= s->capacity * 8) {
        int64_t capacity = s->capacity ? s->capacity : 4096;
        while (offset >= capacity * 8) capacity *= 2;
        s->bits = realloc(s->bits, (size_t)capacity);
        memset(s->bits + s->capacity, 0, (size_t)(capacity - s->capacity));
        s->capacity = capacity;
    }
    unsigned char bit = (unsigned char)(1u << (offset & 7));
    if (s->bits[offset >> 3] & bit) return 0;
    s->bits[offset >> 3] |= bit;
    return 1;
}

/* The input position an output names: bench_source, else a ce_id topic/partition/offset/n.
 * Returns 1, 0 when it names none, -1 when it names an input of another topic than --source-topic. */
static int input_of(rd_kafka_message_t *m, int32_t *partition, int64_t *offset) {
    rd_kafka_headers_t *h = NULL;
    if (rd_kafka_message_headers(m, &h) || !h) return 0;
    const void *v;
    size_t len;
    int has_n = 0;
    if (rd_kafka_header_get_last(h, "bench_source", &v, &len) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (rd_kafka_header_get_last(h, "ce_id", &v, &len) != RD_KAFKA_RESP_ERR_NO_ERROR) return 0;
        has_n = 1;
    }
    char text[512];
    if (len >= sizeof(text)) return 0;
    memcpy(text, v, len);
    text[len] = 0;
    /* The topic may contain dots but no slash: topic/partition/offset[/n]. */
    char *parts[4] = {0};
    int count = 0;
    char *save = NULL;
    for (char *tok = strtok_r(text, "/", &save); tok && count < 4; tok = strtok_r(NULL, "/", &save)) parts[count++] = tok;
    if (count != (has_n ? 4 : 3)) return 0;
    if (opt.source_topic && strcmp(parts[0], opt.source_topic)) return -1;
    *partition = (int32_t)strtol(parts[1], NULL, 10);
    *offset = strtoll(parts[2], NULL, 10);
    return 1;
}

static int run_watch(void) {
    if (!opt.topic) die("--topic is required");
    char group[128];
    snprintf(group, sizeof(group), "pmo-bench-watch-%d", (int)getpid());
    rd_kafka_conf_t *conf = make_conf("group.id", group, "enable.auto.commit", "false", "isolation.level", "read_committed",
                                      "fetch.wait.max.ms", "10", "enable.partition.eof", "false", NULL);
    rd_kafka_t *consumer = make_client(RD_KAFKA_CONSUMER, conf);
    const struct rd_kafka_metadata *metadata = NULL;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(consumer, opt.topic, NULL);
    rd_kafka_resp_err_t err = rd_kafka_metadata(consumer, 0, rkt, &metadata, 10000);
    if (err) die("metadata of %s: %s", opt.topic, rd_kafka_err2str(err));
    if (metadata->topic_cnt != 1 || metadata->topics[0].err) die("topic %s not found", opt.topic);
    int partitions = metadata->topics[0].partition_cnt;
    rd_kafka_metadata_destroy(metadata);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_topic_partition_list_t *assignment = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++)
        rd_kafka_topic_partition_list_add(assignment, opt.topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    err = rd_kafka_assign(consumer, assignment);
    rd_kafka_topic_partition_list_destroy(assignment);
    if (err) die("assign: %s", rd_kafka_err2str(err));
    rd_kafka_queue_t *queue = rd_kafka_queue_get_consumer(consumer);
    printf("ready=1\n");
    fflush(stdout);
    enum { BATCH = 10000 };
    static rd_kafka_message_t *batch[BATCH];
    long distinct = 0, duplicates = 0, unnamed = 0, other_source = 0, records = 0;
    int64_t first_create_ms = INT64_MAX, last_create_ms = 0, done_us = 0;
    const int64_t deadline = mono_us() + opt.timeout_s * 1000000;
    while (!stopping && distinct < opt.events && mono_us() < deadline) {
        ssize_t n = consume_some(queue, 100, batch, BATCH);
        int64_t arrived = wall_us();
        for (ssize_t i = 0; i < n; i++) {
            rd_kafka_message_t *m = batch[i];
            if (m->err) {
                fprintf(stderr, "watch: %s\n", rd_kafka_message_errstr(m));
            } else {
                records++;
                rd_kafka_timestamp_type_t type;
                int64_t ts = rd_kafka_message_timestamp(m, &type);
                if (ts > 0 && ts < first_create_ms) first_create_ms = ts;
                if (ts > last_create_ms) last_create_ms = ts;
                int32_t p;
                int64_t o;
                int named = input_of(m, &p, &o);
                if (named < 0) {
                    other_source++;
                } else if (named) {
                    int fresh = mark_seen(p, o);
                    if (fresh > 0) distinct++;
                    else if (fresh == 0) duplicates++;
                } else {
                    unnamed++;
                }
            }
            rd_kafka_message_destroy(m);
        }
        if (n > 0) done_us = arrived;
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    printf("complete=%d\ndistinct=%ld\nrecords=%ld\nduplicates=%ld\nunnamed=%ld\nother_source=%ld\nfirst_create_ms=%" PRId64
           "\nlast_create_ms=%" PRId64 "\nlast_visible_us=%" PRId64 "\n",
           distinct >= opt.events, distinct, records, duplicates, unnamed, other_source,
           first_create_ms == INT64_MAX ? 0 : first_create_ms, last_create_ms, done_us);
    return distinct >= opt.events ? 0 : 3;
}

/* ---------------------------------------------------------------------------------------- */
/* delete                                                                                    */

/* Creates (`create` 1) or deletes the --topic topics; reports each failure. */
static int run_admin(int create) {
    if (!opt.topic_count) die("--topic is required");
    rd_kafka_t *rk = make_client(RD_KAFKA_PRODUCER, make_conf(NULL));
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_NewTopic_t *new_topics[MAX_TOPICS];
    rd_kafka_DeleteTopic_t *old_topics[MAX_TOPICS];
    for (int i = 0; i < opt.topic_count; i++) {
        if (create) {
            char err[512];
            new_topics[i] = rd_kafka_NewTopic_new(opt.topics[i], (int)opt.partitions, 1, err, sizeof(err));
            if (!new_topics[i]) die("%s: %s", opt.topics[i], err);
            if (opt.compact) rd_kafka_NewTopic_set_config(new_topics[i], "cleanup.policy", "compact");
        } else {
            old_topics[i] = rd_kafka_DeleteTopic_new(opt.topics[i]);
        }
    }
    if (create) rd_kafka_CreateTopics(rk, new_topics, (size_t)opt.topic_count, NULL, queue);
    else rd_kafka_DeleteTopics(rk, old_topics, (size_t)opt.topic_count, NULL, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, 30000);
    int failed = 0;
    if (!event) {
        fprintf(stderr, "%s: no answer\n", opt.mode);
        failed = 1;
    } else {
        size_t count = 0;
        const rd_kafka_topic_result_t **results = NULL;
        if (rd_kafka_event_error(event)) {
            fprintf(stderr, "%s: %s\n", opt.mode, rd_kafka_event_error_string(event));
            failed = 1;
        } else if (create) {
            results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        } else {
            results = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count);
        }
        for (size_t i = 0; i < count; i++) {
            if (rd_kafka_topic_result_error(results[i])) {
                fprintf(stderr, "%s %s: %s\n", opt.mode, rd_kafka_topic_result_name(results[i]),
                        rd_kafka_topic_result_error_string(results[i]));
                failed = 1;
            }
        }
        rd_kafka_event_destroy(event);
    }
    for (int i = 0; i < opt.topic_count; i++) {
        if (create) rd_kafka_NewTopic_destroy(new_topics[i]);
        else rd_kafka_DeleteTopic_destroy(old_topics[i]);
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(rk);
    printf("%s=%d\n", create ? "created" : "deleted", failed ? 0 : opt.topic_count);
    return failed;
}

int main(int argc, char **argv) {
    parse_options(argc, argv);
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* A parent may have started this with the signals blocked. */
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_UNBLOCK, &signals, NULL);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    if (!strcmp(opt.mode, "load")) return run_load();
    if (!strcmp(opt.mode, "raw")) return run_raw();
    if (!strcmp(opt.mode, "eos")) return run_eos();
    if (!strcmp(opt.mode, "watch")) return run_watch();
    if (!strcmp(opt.mode, "create")) return run_admin(1);
    if (!strcmp(opt.mode, "delete")) return run_admin(0);
    usage();
    return 2;
}
