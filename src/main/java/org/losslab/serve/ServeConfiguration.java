package org.losslab.serve;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The web layer of {@code losslab serve}, added to losslab's context only by that command (the
 * application's component scan leaves this package out). Every request other than GET or HEAD is refused
 * before any controller runs, and the command opens the database read-only: the view cannot write.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ServeConfiguration {

    @Bean
    FilterRegistrationBean<GetOnlyFilter> getOnlyFilter() {
        FilterRegistrationBean<GetOnlyFilter> filter = new FilterRegistrationBean<>(new GetOnlyFilter());
        filter.setOrder(Integer.MIN_VALUE);
        return filter;
    }
}
