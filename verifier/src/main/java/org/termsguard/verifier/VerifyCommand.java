package org.termsguard.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.termsguard.alert.evidence.BundleVerifier;
import org.termsguard.alert.evidence.EvidenceBundle;
import org.termsguard.alert.evidence.NoteKey;
import org.termsguard.alert.evidence.Timestamps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code termsguard verify BUNDLE.zip}: checks an evidence bundle offline and prints what it proved. Exit status 0
 * when every check passed, 1 when any failed, 2 when the bundle or an option cannot be read.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        version = "termsguard-verify 0.1",
        description = "Checks a Termsguard evidence bundle offline: every file against the signed manifest, the"
                + " checkpoint's Ed25519 signature (C2SP signed note), each event's RFC 9162 inclusion proof, and the"
                + " RFC 3161 timestamp. Prints what it proved in plain words; fails loudly on any mismatch.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BUNDLE.zip", description = "the bundle, as GET /v1/incidents/{id}/evidence.zip gives it")
    Path bundle;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "the evidence-log verifier key to require (name+keyid+base64, as the notice prints it and"
                    + " /v1/evidence/log-key serves it), or a file holding it. Without it, the bundle's own key is"
                    + " used and you are told to compare it.")
    String key;

    @Option(
            names = "--tsa-ca",
            paramLabel = "PEM",
            description = "a PEM file of the Time-Stamping Authority roots to require. Without it, the bundle's own"
                    + " tsa-chain.pem is used and you are told to compare it.")
    Path tsaRoots;

    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter err = new PrintWriter(System.err, true);

    @Override
    public Integer call() {
        Map<String, byte[]> files;
        BundleVerifier.Trust trust;
        try {
            trust = new BundleVerifier.Trust(key(), roots());
            try (InputStream in = Files.newInputStream(bundle)) {
                files = EvidenceBundle.read(in);
            }
        } catch (EvidenceBundle.Unreadable | IllegalArgumentException e) {
            err.println("termsguard verify: " + bundle + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("termsguard verify: cannot read " + e.getMessage());
            return 2;
        }
        out.println("Checking " + bundle + " (" + files.size() + " files):");
        BundleVerifier.Report report = BundleVerifier.verify(files, trust);
        out.print(report.text());
        out.flush();
        return report.verified() ? 0 : 1;
    }

    private Optional<NoteKey> key() throws IOException {
        if (key == null) {
            return Optional.empty();
        }
        String encoded =
                key.contains("+") ? key : Files.readString(Path.of(key)).strip();
        try {
            return Optional.of(NoteKey.parse(encoded.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--key is not a C2SP note verifier key: " + e.getMessage(), e);
        }
    }

    private List<X509Certificate> roots() throws IOException {
        if (tsaRoots == null) {
            return List.of();
        }
        List<X509Certificate> roots = Timestamps.certificates(Files.readAllBytes(tsaRoots));
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("--tsa-ca " + tsaRoots + " holds no certificate");
        }
        return roots;
    }

    /** Runs the command with {@code args}, writing to the given streams; answers the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        VerifyCommand command = new VerifyCommand();
        command.out = out;
        command.err = err;
        return new CommandLine(command).setOut(out).setErr(err).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
