package org.losslab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibpqUrlTest {

    @Test
    void embeddedUrlBecomesLibpq() {
        assertThat(LibpqUrl.of("jdbc:postgresql://localhost:41234/postgres", "postgres"))
                .isEqualTo("postgresql://postgres@127.0.0.1:41234/postgres");
    }

    @Test
    void passwordIsDroppedAndUserAndSslmodeKept() {
        assertThat(LibpqUrl.of("jdbc:postgresql://db.example:5433/losslab?user=ana&password=secret&sslmode=require", "postgres"))
                .isEqualTo("postgresql://ana@db.example:5433/losslab?sslmode=require");
    }

    @Test
    void defaultsForMissingPartsAndRejectsOthers() {
        assertThat(LibpqUrl.of("jdbc:postgresql:///", "postgres")).isEqualTo("postgresql://postgres@127.0.0.1:5432/postgres");
        assertThatThrownBy(() -> LibpqUrl.of("jdbc:mysql://x/y", "u")).isInstanceOf(IllegalArgumentException.class);
    }
}
