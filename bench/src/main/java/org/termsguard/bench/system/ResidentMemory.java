package org.termsguard.bench.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.termsguard.localstack.RunningStack;

/** The services' resident set sizes: once when idle, and the highest seen while a load phase runs. */
final class ResidentMemory implements AutoCloseable {

    static final List<String> SERVICES = List.of("ingest", "policy", "alert");

    private final RunningStack stack;
    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile boolean paused;

    private ResidentMemory(RunningStack stack) {
        this.stack = stack;
        this.sampler = new Thread(this::sample, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static Map<String, Long> now(RunningStack stack) throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String service : SERVICES) {
            rss.put(service, stack.rss(service));
        }
        return rss;
    }

    /** Samples every 200 ms until closed. */
    static ResidentMemory underLoad(RunningStack stack) {
        return new ResidentMemory(stack);
    }

    Map<String, Long> peak() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        SERVICES.forEach(s -> ordered.put(s, peak.getOrDefault(s, 0L)));
        return ordered;
    }

    /** While a profiler runs in a service, its buffers are not the service's own footprint. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    private void sample() {
        while (running) {
            for (String service : paused ? List.<String>of() : SERVICES) {
                try {
                    peak.merge(service, stack.rss(service), Math::max);
                } catch (IOException | RuntimeException e) {
                    // The service is being restarted (the drain phase); the next sample finds it.
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
