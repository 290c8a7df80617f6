mkdir -p shop && cd shop
echo '{"name":"shop","dependencies":{"express":"^5.1.0"}}' > package.json
echo 'console.log("shop")' > server.js
mkdir -p node_modules/junk && echo junk > node_modules/junk/x.js
echo secret > .env
printf 'node_modules\n.env\n' > .dockerignore
cat > Dockerfile <<'EOF'
FROM node:22-alpine
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
CMD ["node", "-e", "console.log('shop is up')"]
EOF
docker build --progress=plain -t shop .
docker run --rm shop
docker run --rm shop ls -a /app
docker run --rm shop ls node_modules
echo '// a comment' >> server.js
docker build --progress=plain -t shop . 2>&1 | grep -E 'CACHED|DONE [0-9]'
cd .. && mkdir -p api && cd api
printf 'flask==3.1.1\nrequests\n' > requirements.txt
cat > Dockerfile <<'EOF'
FROM python:3.13-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python3", "-c", "print('api ready')"]
EOF
docker build -q -t api .
docker run --rm api
docker run --rm api python3 --version
docker images --format '{{.Repository}} {{.Size}}'
