# losslab application image (used by docker-compose.yml). Builds the fat jar, runs it on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
COPY src src
COPY db db
RUN ./mvnw -q -B -DskipTests package

# the JDK image: it certainly carries the jdk.incubator.vector module the entrypoint adds (docs/performance.md, lever 13)
FROM eclipse-temurin:17-jdk
WORKDIR /app
COPY --from=build /src/target/losslab.jar /app/losslab.jar
COPY jobs /app/jobs
COPY data /app/data
ENV LOSSLAB_HOME=/app LOSSLAB_OMP_THREADS=1 OMP_NUM_THREADS=1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=12G", "-jar", "/app/losslab.jar"]
CMD ["status"]
