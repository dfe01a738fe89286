# Image of the MLOps maturity operator: the runnable jar on a JRE, for builders that have a Docker engine.
#
# The image the project builds and tests is the Jib one (`mvn -B package -Pimage`, README "Container image"):
# a jlink runtime on scratch, no engine needed. This Dockerfile makes an equivalent image on a Temurin JRE
# base: same entrypoint and default args, user 65532:65532, port 8080 and JAVA_TOOL_OPTIONS; keep them in step
# with image/pom.xml.
#
# Build the jar first, then the image (from the repository root):
#   mvn -B package -DskipTests
#   docker build -t mlops-maturity-operator:0.1.0 .
# The Helm chart (helm/mlops-maturity-operator) runs it as
#   java -jar /app/mlops-maturity-operator.jar run --config /etc/mlops-maturity/config.yaml ...
# with a read-only root filesystem, user 65532 and an emptyDir on /tmp.
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="mlops-maturity-operator" \
      org.opencontainers.image.description="Measures the MLOps maturity of ML workloads from live cluster state" \
      org.opencontainers.image.version="0.1.0"

# non-root, numeric, so Kubernetes can verify runAsNonRoot
RUN groupadd --system --gid 65532 operator \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin operator

WORKDIR /app
COPY --chown=65532:65532 cli/target/mlops-maturity-operator.jar /app/mlops-maturity-operator.jar

USER 65532:65532
EXPOSE 8080
# heap from the container limit; a JVM out of memory exits so Kubernetes restarts it
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/mlops-maturity-operator.jar"]
CMD ["run"]
