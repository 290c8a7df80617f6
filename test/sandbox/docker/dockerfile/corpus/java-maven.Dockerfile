# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B dependency:go-offline
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B package -DskipTests

FROM eclipse-temurin:21-jre
ARG JAR=target/app.jar
COPY --from=build /workspace/${JAR} /opt/app.jar
EXPOSE 8080 8443
ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
