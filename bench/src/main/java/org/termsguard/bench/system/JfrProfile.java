package org.termsguard.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of a running service during a load phase (started and dumped with jcmd), reduced
 * to the methods most often on top of the stack — what the report shows next to a missed target.
 */
final class JfrProfile implements AutoCloseable {

    record Hot(String method, double share) {}

    private final long pid;
    private final Path file;
    private final String name;

    private JfrProfile(long pid, Path file) throws IOException, InterruptedException {
        this.pid = pid;
        this.file = file;
        this.name = "bench-" + System.nanoTime();
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    static JfrProfile start(long pid, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        return new JfrProfile(pid, file);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    /** The top {@code n} methods by share of execution samples (top frame), and by share of frames in the own code. */
    static List<Hot> top(Path file, int n) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            RecordedFrame top = frames.get(0);
            counts.merge(
                    top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            total++;
        }
        int samples = total;
        List<Hot> hot = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(e -> hot.add(new Hot(e.getKey(), 100.0 * e.getValue() / samples)));
        return hot;
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || output.contains("Could not")) {
            throw new IOException("jcmd " + String.join(" ", args) + ": " + output);
        }
    }
}
