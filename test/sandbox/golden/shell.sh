for i in 1 2 3; do docker run -d --name app$i alpine sleep 600; done | wc -l
docker ps --format '{{.Names}}' | sort
cat > Dockerfile <<'EOF2'
FROM alpine
RUN echo "hello $HOME"
EOF2
cat Dockerfile
NAME=world; echo "hello, $NAME" && echo "home is ${HOME}"
false || echo "false failed with $?"
if [ -f Dockerfile ]; then echo found; else echo missing; fi
echo $(( 6 * 7 ))
ls nosuchfile 2>&1 | wc -l
echo one > out.txt; echo two >> out.txt; cat < out.txt
nosuchcommand
echo $?
time sleep 2
export GREETING=hi; env | grep GREETING
cd /nowhere
echo 'unterminated
it ends here'
