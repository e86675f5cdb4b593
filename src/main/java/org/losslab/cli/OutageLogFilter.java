package org.losslab.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.losslab.store.TransientDatabaseErrors;

/**
 * Drops Spring Batch's own error logs of a failure caused by a lost database connection ("Encountered an error
 * executing step", "error saving batch meta data", "fatal error executing job"): once the retry budget is
 * spent (docs/reliability.md) each of them repeats, with its chain of causes, what the retry's last line and the
 * CLI's one line ({@link Failures}: exit 5) already say. Other errors of Spring Batch still show; with
 * {@code --debug} the stack trace of the failure is in the debug log.
 */
public final class OutageLogFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLoggerName().startsWith("org.springframework.batch.")
                && event.getThrowableProxy() instanceof ThrowableProxy proxy
                && TransientDatabaseErrors.connectionLoss(proxy.getThrowable()) != null) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
