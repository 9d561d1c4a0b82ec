package org.smtpgw.server.control;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smtpgw.mailets.control.GatewayTasks;
import org.smtpgw.mailets.control.GatewayTasks.Task;

import spark.Request;
import spark.Service;

/**
 * WebAdmin routes of the task switches (the same as {@code smtpgwctl recv-off}, {@code send-on}, ...):
 *
 * <pre>
 * GET  /smtpgw/tasks                          {"receiver":"running","sender":"running","antivirus":"running"}
 * GET  /smtpgw/tasks/{task}                   {"task":"receiver","state":"running"}
 * PUT  /smtpgw/tasks/{task}?action=stop       {"task":"receiver","state":"stopped","changed":true}
 * POST /smtpgw/tasks/{task}?action=start      (POST does the same as PUT)
 * </pre>
 *
 * {@code task} is {@code receiver}, {@code sender} or {@code antivirus}; an unknown task answers 404, a missing or
 * unknown action 400. Switching a task to the state it is in answers 200 with {@code "changed":false}.
 */
public class TasksRoutes implements Routes {
    public static final String BASE_PATH = "/smtpgw/tasks";
    private static final String TASK_PATH = BASE_PATH + "/:task";
    private static final Logger LOGGER = LoggerFactory.getLogger(TasksRoutes.class);

    private final GatewayTasks tasks;
    private final JsonTransformer json;

    @Inject
    public TasksRoutes(GatewayTasks tasks, JsonTransformer json) {
        this.tasks = tasks;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> {
            Map<String, String> states = new LinkedHashMap<>();
            for (Task task : Task.values()) {
                states.put(task.taskName(), state(task));
            }
            return states;
        }, json);
        service.get(TASK_PATH, (request, response) -> {
            Task task = task(request);
            return Map.of("task", task.taskName(), "state", state(task));
        }, json);
        service.put(TASK_PATH, (request, response) -> switchTask(request), json);
        service.post(TASK_PATH, (request, response) -> switchTask(request), json);
    }

    private Map<String, Object> switchTask(Request request) {
        Task task = task(request);
        String action = request.queryParams("action");
        boolean changed;
        if ("start".equalsIgnoreCase(action)) {
            changed = tasks.start(task);
        } else if ("stop".equalsIgnoreCase(action)) {
            changed = tasks.stop(task);
        } else {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                .message("query parameter action must be start or stop, got " + (action == null ? "none" : "'" + action + "'"))
                .haltError();
        }
        LOGGER.info("WebAdmin: {} task {}{}", task.taskName(), action.toLowerCase(Locale.ROOT),
            changed ? "" : " (no change)");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task", task.taskName());
        result.put("state", state(task));
        result.put("changed", changed);
        return result;
    }

    private Task task(Request request) {
        String name = request.params("task");
        return Task.byName(name).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND)
            .message("no task '" + name + "'; tasks are receiver, sender and antivirus")
            .haltError());
    }

    private String state(Task task) {
        return tasks.isRunning(task) ? "running" : "stopped";
    }
}
