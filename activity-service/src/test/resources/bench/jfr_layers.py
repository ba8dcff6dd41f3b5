# Innermost-layer attribution of JFR execution samples of the request threads (README, "The completion's hot path").
# usage: jfr print --json --stack-depth 300 --events jdk.ExecutionSample x.jfr > x.json; python3 jfr_layers.py x.json
import json, sys, collections
d=json.load(open(sys.argv[1]))
L=[('tomcat (socket, parse, write)','org/apache/coyote/AbstractProtocol$ConnectionHandler.process'),
 ('filters before security (observation, body limit, ...)','org/apache/catalina/core/StandardWrapperValve.invoke'),
 ('http observation (micrometer)','org/springframework/web/filter/ServerHttpObservationFilter.doFilterInternal'),
 ('security filter chain','org/springframework/security/web/FilterChainProxy.doFilterInternal'),
 ('  jwt authentication','org/springframework/security/authentication/ProviderManager.authenticate'),
 ('  authorization','org/springframework/security/web/access/intercept/AuthorizationFilter.doFilter'),
 ('dispatcher (mvc own)','org/springframework/web/servlet/DispatcherServlet.doDispatch'),
 ('  handler lookup','org/springframework/web/servlet/DispatcherServlet.getHandler'),
 ('  argument resolution (own)','org/springframework/web/method/support/InvocableHandlerMethod.getMethodArgumentValues'),
 ('  json read + @Valid','org/springframework/web/servlet/mvc/method/annotation/RequestResponseBodyMethodProcessor.resolveArgument'),
 ('  return value (json write, headers, flush)','org/springframework/web/method/support/HandlerMethodReturnValueHandlerComposite.handleReturnValue'),
 ('  controller proxy: method validation','org/springframework/validation/beanvalidation/MethodValidationInterceptor.invoke'),
 ('  transaction (begin, commit, own)','org/springframework/transaction/interceptor/TransactionAspectSupport.invokeWithinTransaction'),
 ('    tx begin','org/springframework/transaction/support/AbstractPlatformTransactionManager.getTransaction'),
 ('    tx commit','org/springframework/transaction/support/AbstractPlatformTransactionManager.commit'),
 ('  service: complete (own)','vn/loa/activity/lifecycle/ActivityService.complete'),
 ('    jpa findById','org/springframework/data/jpa/repository/support/SimpleJpaRepository.findById'),
 ('    jpa saveAndFlush','org/springframework/data/jpa/repository/support/SimpleJpaRepository.saveAndFlush'),
 ('    jdbc find','vn/loa/activity/lifecycle/ActivityRows.find'),
 ('    jdbc completed','vn/loa/activity/lifecycle/ActivityRows.completed'),
 ('    scope (AccessPolicy)','vn/loa/activity/access/AccessPolicy.requireWritable'),
 ('    period locks','vn/loa/activity/periodlock/PeriodLocks.windowsOf'),
 ('    validate outputs','vn/loa/activity/lifecycle/ActivityRules.validate'),
 ('    outbox publish','vn/loa/messaging/outbox/OutboxEventPublisher.publish'),
 ('    view','vn/loa/activity/lifecycle/ActivityView.of'),
 ('  error handling','org/springframework/web/servlet/DispatcherServlet.processHandlerException'),
]
n=0; c=collections.Counter()
for e in d['recording']['events']:
    v=e['values']; st=v.get('stackTrace'); t=(v.get('sampledThread') or {}).get('javaName') or ''
    if not st or 'http-nio' not in t: continue
    frames=[f['method']['type']['name']+'.'+f['method']['name'] for f in st['frames']]
    if any('Import' in f for f in frames): continue
    n+=1
    best=None
    for i,f in enumerate(frames):  # leaf first
        m=next((lab for lab,p in L if f.startswith(p)),None)
        if m: best=m; break
    c[best or 'other (outside request)']+=1
print('http samples', n)
for lab,p in L+[('other (outside request)','')]:
    print(f'  {100*c[lab]/n:5.1f}%  {lab}')
