# Cluster mode: nodes sharing a NATS JetStream stream, results in
# PostgreSQL. The tests start nats-server and postgres themselves.
lector_add_e2e_test(e2e_cluster "${CMAKE_CURRENT_SOURCE_DIR}/cluster/test_cluster.py")
set_tests_properties(e2e_cluster PROPERTIES RUN_SERIAL TRUE SKIP_RETURN_CODE 77)
