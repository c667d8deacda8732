package vigie;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Starts a single OpenSearch node whose modules are loaded from the JVM
 * classpath (the jars Maven resolved from Central) instead of a distribution's
 * modules/ directory. Meant for integration tests and CI only: no security
 * plugin, no bootstrap checks, HTTP on 127.0.0.1.
 *
 * Usage: java ... vigie.OpenSearchLauncher <dataDir> [key=value ...]
 * Every key=value argument is an OpenSearch setting that overrides the
 * defaults below (e.g. http.port=9201).
 */
public final class OpenSearchLauncher {

    /** Modules bundled with a regular distribution that we need; loaded as classpath plugins. */
    private static final List<String> PLUGIN_CLASSES = Arrays.asList(
        "org.opensearch.transport.Netty4Plugin",                // HTTP + transport
        "org.opensearch.index.reindex.ReindexPlugin",           // _delete_by_query, _update_by_query, _reindex
        "org.opensearch.analysis.common.CommonAnalysisPlugin",  // common analyzers, tokenizers, filters
        "org.opensearch.painless.PainlessPlugin",               // painless scripts
        "org.opensearch.index.mapper.MapperExtrasPlugin"        // scaled_float, search_as_you_type, ...
    );

    /** Node subclass only to reach the constructor that accepts classpath plugins. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private OpenSearchLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: OpenSearchLauncher <dataDir> [setting=value ...]");
            System.exit(2);
        }
        Path base = Paths.get(args[0]).toAbsolutePath();
        Path home = base.resolve("home");
        Path data = base.resolve("data");
        Path logs = base.resolve("logs");
        for (Path p : new Path[] { home.resolve("config"), home.resolve("modules"), home.resolve("plugins"), data, logs }) {
            Files.createDirectories(p);
        }

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "vigie-test")
            .put("node.name", "vigie-0")
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            .put("transport.port", "9300")
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", "true")
            .put("action.destructive_requires_name", false);
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("ignoring malformed setting argument: " + args[i]);
                continue;
            }
            builder.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            builder.build(), Collections.emptyMap(), home.resolve("config"), () -> "vigie-0");

        Collection<Class<? extends Plugin>> plugins = new java.util.ArrayList<>();
        for (String name : PLUGIN_CLASSES) {
            plugins.add(Class.forName(name).asSubclass(Plugin.class));
        }

        final Node node = new ClasspathNode(environment, plugins);
        final CountDownLatch stopped = new CountDownLatch(1);

        // SIGTERM / SIGINT: close the node (flushes shards, releases the node lock), then let main() return.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(20, TimeUnit.SECONDS)) {
                    System.err.println("opensearch node did not close within 20s");
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "vigie-opensearch-shutdown"));

        try {
            node.start();
            // One node: replicas can never be assigned, so make new indices default to
            // 0 replicas (green instead of yellow). This setting is only read from the
            // cluster metadata, not from node settings, hence the API call. Persistent
            // and idempotent; an explicit number_of_replicas still wins.
            node.client().admin().cluster().prepareUpdateSettings()
                .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
                .get();
        } catch (Throwable t) {
            t.printStackTrace();
            // the shutdown hook closes whatever was started
            System.exit(1);
        }

        // Tells opensearch.sh that the node is fully set up (HTTP alone answers a bit earlier).
        String readyFile = System.getProperty("vigie.readyFile");
        if (readyFile != null) {
            Files.write(Paths.get(readyFile), Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII));
        }

        // Keep a non-daemon thread alive until the node has been closed.
        stopped.await();
    }
}
