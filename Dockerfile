# A node in a container (docs/deploy.md, decisions D69): the web UI built in a first stage, then a small runtime
# with production dependencies only, run as a user without privileges, data in a volume, health-checked.
# Build: docker build -t entente .   Run one node on SQLite: docker run -p 4300:4300 -v entente-data:/var/lib/entente entente
# With PostgreSQL: docker compose up (compose.yaml).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
COPY src ./src
RUN npm run build:web

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
	ENTENTE_DATA=/var/lib/entente \
	ENTENTE_HOST=0.0.0.0 \
	ENTENTE_PORT=4300
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY examples ./examples
COPY --from=build /app/web/dist ./web/dist
RUN groupadd --system entente \
	&& useradd --system --gid entente --home-dir /var/lib/entente --shell /usr/sbin/nologin entente \
	&& mkdir -p /var/lib/entente \
	&& chown entente:entente /var/lib/entente \
	&& chmod 700 /var/lib/entente
USER entente
VOLUME ["/var/lib/entente"]
EXPOSE 4300
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ENTENTE_PORT||4300)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# First start: creates the node and prints its admin token once (docker logs); later starts serve it.
CMD ["node", "bin/entente.mjs", "serve", "--init"]
