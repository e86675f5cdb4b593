package org.losslab.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * The optional {@code schedule:} key of a spec: a cron expression for {@code losslab schedule},
 * either five fields (minute hour day-of-month month day-of-week, as in crontab), six (with
 * seconds first), or a macro such as {@code @daily}. It is operational, not part of the
 * experiment: it is taken out of the spec before the spec is stored and hashed, so changing when a
 * spec runs never changes its run keys or results.
 */
public final class Schedule {

    static final String KEY = "schedule";

    private Schedule() {
    }

    /** The schedule of a spec file, if it has one (the spec itself is validated too). */
    public static Optional<CronExpression> of(Path file) {
        SpecTree tree = SpecParser.read(file, List.of());
        Optional<CronExpression> cron = read(tree);
        JobSpec.from(tree);
        return cron;
    }

    /** Validates the schedule and removes it from the tree (called by {@link JobSpec#from}). */
    static Optional<CronExpression> read(SpecTree tree) {
        if (!tree.has(KEY)) {
            return Optional.empty();
        }
        String text = tree.string(KEY, null).trim();
        tree.root().remove(KEY);
        return Optional.of(parse(tree, text));
    }

    static CronExpression parse(SpecTree tree, String text) {
        String expression = text.split("\\s+").length == 5 ? "0 " + text : text;
        try {
            return CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw tree.error(KEY, "must be a cron expression like '0 3 * * *' (minute hour day month weekday) or "
                    + "'@daily', not '" + text + "': " + e.getMessage());
        }
    }
}
