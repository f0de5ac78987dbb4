package org.termsguard.alert.notices.service;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.Expression;
import io.quarkus.qute.RawString;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.WithPriority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.temporal.TemporalAccessor;
import org.termsguard.alert.notices.HtmlText;
import org.termsguard.alert.notices.MarkdownText;

/**
 * Every value a notice template writes is escaped for the template's language, as Qute escapes HTML by default,
 * so no one has to remember it per expression (issue #17: a crawler's path rewrote a notice). In {@code .md}
 * templates a value becomes {@link MarkdownText#text} (numbers and instants, which cannot carry markup, are left as
 * they are); in {@code .html} ones it becomes {@link HtmlText#text}, which also makes line separators, controls and
 * bidi overrides visible as in the Markdown. {@code {value.code}} writes a Markdown code span instead; Qute's
 * {@code .raw} is not used by the notices.
 */
@ApplicationScoped
public class NoticeEscaping {

    static void escapeNoticeValues(@Observes EngineBuilder engine) {
        engine.addResultMapper(new Markdown());
        engine.addResultMapper(new Html());
    }

    /** A value as a Markdown code span: paths and user agents stay readable in the text e-mail. */
    @TemplateExtension
    static RawString code(String value) {
        return new RawString(MarkdownText.code(value));
    }

    private static boolean notice(TemplateNode.Origin origin, String suffix) {
        return origin.getTemplateId() != null && origin.getTemplateId().endsWith(suffix);
    }

    static final class Markdown implements ResultMapper {
        @Override
        public int getPriority() {
            // Ahead of Qute's own mappers, which know nothing of Markdown.
            return WithPriority.DEFAULT_PRIORITY + 10;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return notice(origin, ".md")
                    && !(result instanceof RawString)
                    && !(result instanceof Number)
                    && !(result instanceof Boolean)
                    && !(result instanceof TemporalAccessor);
        }

        @Override
        public String map(Object result, Expression expression) {
            return MarkdownText.text(result.toString());
        }
    }

    static final class Html implements ResultMapper {
        @Override
        public int getPriority() {
            // Ahead of Qute's HtmlEscaper, which escapes the same five characters but leaves controls in.
            return WithPriority.DEFAULT_PRIORITY + 10;
        }

        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return notice(origin, ".html") && !(result instanceof RawString);
        }

        @Override
        public String map(Object result, Expression expression) {
            return HtmlText.text(result.toString());
        }
    }
}
